"""A full local disk: the item fails with "disk full", keeps its temporary file, and the queue goes on."""

from __future__ import annotations

import os
import shutil

import pytest
from PySide6.QtCore import Qt
from test_queue_local_attacks import by_remote, queue, to_server  # noqa: F401 (``queue``: a fixture)

from ftpgui.ftp import SessionOptions
from ftpgui.transfers.items import CANCELLED, DONE, FAILED, PAUSED
from ftpgui.transfers.model import COL_STATE
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
    assert "585.9 KiB (600,000 bytes) needed" in failed.error, failed.error  # (its size: note 433)
    # (no temporary file of the second eats the space)
    assert os.listdir(tiny_disk / "big") == [os.path.basename(done.local)]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_free_space_failure_says_sizes_not_byte_counts(qtbot, queue, tiny_disk, make_server, language, request):  # noqa: F811
    """QA in Chinese: the failed item's tooltip said "需要 20000000 字节，可用 5242880 字节" — counts to read digit
    by digit. It says sizes, as the queue's cells do, with the exact count beside them (note 433)."""
    if language != "en":
        request.getfixturevalue("chinese")
    srv = make_server("127.0.0.1")
    with open(srv.path("big.bin"), "wb") as f:
        f.write(os.urandom(3 << 20))
    to_server(queue, srv)
    queue.download([("/big.bin", False, None)], str(tiny_disk))
    qtbot.waitUntil(queue.is_idle, timeout=LONG)
    (item,) = queue.model.items()
    assert item.state == FAILED
    free = shutil.disk_usage(tiny_disk).free  # (the tmpfs: 1 MiB, nothing written)
    row = queue.model.index(0, COL_STATE)  # (every cell of a failed row has the reason as its tooltip)
    tip = queue.model.data(row, Qt.ItemDataRole.ToolTipRole)
    if language == "en":
        expected = f"Not enough space in {tiny_disk}: 3.0 MiB (3,145,728 bytes) needed, {size_words(free)} free."
    else:
        expected = f"{tiny_disk} 空间不足：需要 3.0 MiB（3,145,728 字节），可用 {size_words(free, '（{:,} 字节）')}。"
    assert tip == expected
    assert "3145728" not in tip


def size_words(n: int, exact: str = " ({:,} bytes)") -> str:
    return (
        f"{n / 1024:.1f} KiB" + exact.format(n) if 1024 <= n < 1 << 20 else f"{n / (1 << 20):.1f} MiB" + exact.format(n)
    )


def test_a_download_that_fails_its_own_space_check_holds_no_space_for_the_others(qtbot, queue, tiny_disk, make_server):  # noqa: F811
    """QA (design note 466): huge.bin (too large for the disk alone), m1.bin and m2.bin dropped together onto a
    small disk. All three failed: m1 "while other downloads are under way", counting huge's bytes — huge had
    failed its own check, nothing was downloading. Now huge fails alone, m1 downloads, and m2 — which does not fit
    beside m1 — fails counting m1's bytes only (or, m1 finished first, the space m1 took)."""
    srv = make_server("127.0.0.1")
    sizes = {"huge.bin": 3 << 20, "m1.bin": 600_000, "m2.bin": 600_000}  # (the disk: 1 MiB)
    for name, size in sizes.items():
        with open(srv.path(name), "wb") as f:
            f.write(os.urandom(size))
    to_server(queue, srv, connections=3)  # (one each, handed out together: m1's and m2's lists hold huge)
    queue.download([(f"/{name}", False, size) for name, size in sizes.items()], str(tiny_disk))
    qtbot.waitUntil(lambda: queue.is_idle() and len(queue.model.items()) == 3, timeout=LONG)
    items = by_remote(queue)
    huge, m1, m2 = items["/huge.bin"], items["/m1.bin"], items["/m2.bin"]
    assert huge.state == FAILED
    assert huge.error.startswith(f"Not enough space in {tiny_disk}: 3.0 MiB (3,145,728 bytes) needed"), huge.error
    assert m1.state == DONE, m1.error  # (it failed, counting huge's 3 MiB, on the code before)
    assert (tiny_disk / "m1.bin").stat().st_size == 600_000
    assert m2.state == FAILED and m2.error.startswith(f"Not enough space in {tiny_disk}"), m2.error
    assert "3,145,728" not in m2.error and "585.9 KiB (600,000 bytes) needed" in m2.error, m2.error
    assert "other downloads" not in m2.error or "585.9 KiB (600,000 bytes) of them" in m2.error, m2.error
    assert sorted(os.listdir(tiny_disk)) == ["m1.bin"]  # (no temporary file left by huge or m2)


@pytest.mark.parametrize("stop", ["pause", "cancel"])
def test_a_download_paused_or_cancelled_holds_no_space_while_its_job_stops(qtbot, queue, tiny_disk, make_server, stop):  # noqa: F811
    """A download paused or cancelled keeps its connection until its job has stopped (here: its server slow to
    answer its EPSV). A download queued meanwhile counted its bytes as still to come and failed "while other
    downloads are under way" — it will write none of them (design note 466)."""
    srv = make_server("127.0.0.1", no_reply={"EPSV": 1})  # a.bin checked, its file made, then held
    for name in ("a.bin", "b.bin"):
        with open(srv.path(name), "wb") as f:
            f.write(os.urandom(600_000))  # (the disk: 1 MiB; each fits, the two do not)
    to_server(queue, srv, connections=2)
    (a,) = queue.download([("/a.bin", False, 600_000)], str(tiny_disk))
    qtbot.waitUntil(srv.holding, timeout=LONG)
    getattr(queue, stop)([a.id])
    assert queue.transferring()  # (its job has not stopped yet: the queue has not heard back)
    (b,) = queue.download([("/b.bin", False, 600_000)], str(tiny_disk))  # (handed out now, beside a's job)
    qtbot.waitUntil(lambda: b.state in (DONE, FAILED), timeout=LONG)
    srv.send_held_replies()
    qtbot.waitUntil(queue.is_idle, timeout=LONG)
    assert b.state == DONE, b.error  # (it failed, counting a's 600,000 bytes, on the code before)
    assert (tiny_disk / "b.bin").stat().st_size == 600_000
    assert a.state == (PAUSED if stop == "pause" else CANCELLED)
