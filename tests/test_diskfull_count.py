"""A disk that fills part-way into a block: the bytes said to be written are those in the file (design note 338;
note 268's remark).

A download's write of a block (or a splice of one from its pipe) that a full disk cut short — some bytes
written, then ENOSPC — reported the bytes before that block: the progress, the data connection's close, the
mode panel's "The client stopped RETR (ABOR) after N bytes" and the queue's row said up to 300 KB less than
the temporary file held. The file's own size was always what a resume continued from; the test shows that too.
"""

from __future__ import annotations

import os

import pytest
from test_hostile_size_bytes import of, said_at_close

from ftpgui.ftp import DataClosed, FtpSession, LocalFileError, SessionOptions, TransferProgress
from ftpgui.ftp.resumecheck import rest_for
from ftpgui.transfers.items import FAILED
from ftpgui.transfers.queue import TransferQueue
from ftpgui.transfers.worker import Endpoint

from ftpserver import PASSWORD, USER

pytestmark = pytest.mark.usefixtures("qapp")
LONG = 120_000  # ms: a safety net, not a performance limit
FILLER = 333_333  # on the 1 MiB disk first: its free space ends in no block's boundary (a page's: tmpfs)
PART = "big.bin.ftpgui-part"


@pytest.fixture
def filling(tiny_disk, make_server):
    """(the server, its file's bytes): a file of 900,000 bytes, SIZE refused (a size unknown: the free-space
    check cannot refuse it first; the disk fills as it comes); the disk holding FILLER bytes already."""
    srv = make_server("127.0.0.1", refuse=("SIZE",))
    data = os.urandom(900_000).replace(b"\r", b"r").replace(b"\n", b"n")  # (ASCII: the line ends change nothing)
    with open(srv.path("big.bin"), "wb") as f:
        f.write(data)
    (tiny_disk / "filler").write_bytes(b"f" * FILLER)
    return srv, data


@pytest.mark.timeout(60)
@pytest.mark.parametrize("ascii", [False, True], ids=["spliced", "through-python"])
def test_the_bytes_said_when_the_disk_filled_are_the_bytes_in_the_file(qtbot, tiny_disk, filling, ascii):
    """Before (one run): spliced, 636,928 said against 712,704 in the file; through Python, 208,384."""
    srv, data = filling
    events: list = []
    with FtpSession(SessionOptions(timeout=10), events.append) as s:
        s.open(srv.host, srv.port, USER, PASSWORD)
        with pytest.raises(LocalFileError, match="No space left on device"):
            s.download("/big.bin", str(tiny_disk / "big.bin"), ascii=ascii)
        held = (tiny_disk / PART).stat().st_size
        assert 0 < held < len(data)
        (closed,) = of(events, DataClosed)
        assert closed.bytes == of(events, TransferProgress)[-1].done == held
        said = said_at_close(qtbot, events, "RETR")
        assert f"The client stopped RETR (ABOR) after {held:,} bytes in " in said, said
        if ascii:
            return  # (an ASCII download is never resumed: its byte counts change with the line ends)
        os.remove(tiny_disk / "filler")  # room made: --resume continues the temporary file from its last byte
        events.clear()
        s.download("/big.bin", str(tiny_disk / "big.bin"), resume=True)
    assert (tiny_disk / "big.bin").read_bytes() == data
    assert f"REST {rest_for(held)}" in srv.record.commands  # (the overlap checked: note 428)
    assert of(events, TransferProgress)[0].done > held


@pytest.mark.timeout(60)
def test_the_queues_row_says_the_bytes_in_the_file(qtbot, tmp_path, tiny_disk, filling):
    """Before: the failed row said 636,928 bytes done, the temporary file held 712,704."""
    srv, _ = filling
    q = TransferQueue(str(tmp_path / "queue.json"))
    try:
        q.set_site(Endpoint(srv.host, srv.port, USER, PASSWORD), SessionOptions(timeout=20), 1)
        q.download([("/big.bin", False, None)], str(tiny_disk))
        qtbot.waitUntil(q.is_idle, timeout=LONG)
        (item,) = q.model.items()
        assert item.state == FAILED and item.error.startswith("Disk full"), item.error
        assert item.done == (tiny_disk / PART).stat().st_size
    finally:
        q.shutdown()
