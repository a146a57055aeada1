"""A server whose SIZE (and listing) says 10 bytes of a file its RETR sends whole (design note 423, found by a QA
tester with a hostile server): the download fails — "sent more than the 10 bytes it announced" — and keeps the
10 bytes it wrote in the temporary file. Continued as the failure says (``get --resume``), or tried again in the
window's queue (the record of that try), a part as large as the announced size was renamed to the file without a
word to the server: a 10-byte file, exit 0, "Done". A part as large as SIZE is now continued as any other: REST at
its end and RETR, which must bring nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pyftpdlib.filesystems import AbstractedFS

from ftpgui.ftp import SessionOptions
from ftpgui.ftp.localpath import part_name
from ftpgui.ftp.resumecheck import rest_for
from ftpgui.transfers.items import DONE, FAILED
from ftpgui.transfers.queue import TransferQueue
from ftpgui.transfers.worker import Endpoint

from ftpserver import PASSWORD, USER
from test_cli import run_subprocess

LIE = 10  # the bytes the server announces
DATA = os.urandom(300_000)  # the bytes its RETR sends
LONG = 120_000  # ms: a safety net on a loaded machine, not a performance limit
OVER = f"The server sent more than the {LIE} bytes it announced; the rest was not written."


class Lies(AbstractedFS):
    """Says a file named ``big.bin`` holds ``LIE`` bytes — in SIZE, LIST and MLSD — and sends all of it."""

    def getsize(self, path):
        return LIE if path.endswith("big.bin") else super().getsize(path)

    def stat(self, path):
        return self._said(path, super().stat(path))

    def lstat(self, path):
        return self._said(path, super().lstat(path))

    @staticmethod
    def _said(path, st):
        if not path.endswith("big.bin"):
            return st
        return os.stat_result((*st[:6], LIE, *st[7:]))


def lying(make_server, rel="big.bin"):
    server = make_server()
    server.handler.abstracted_fs = Lies
    Path(server.path(rel)).parent.mkdir(parents=True, exist_ok=True)
    Path(server.path(rel)).write_bytes(DATA)
    return server


def test_get_resume_of_the_part_a_lying_size_left_asks_the_server_and_fails(make_server, tmp_path):
    """``get --resume``, as the failure advised, renamed the 10-byte part to big.bin and exited 0."""
    server = lying(make_server)
    dest = tmp_path / "big.bin"
    part = tmp_path / part_name("big.bin")
    done = run_subprocess("get", server.url + "/big.bin", str(dest), "--tls", "off")
    assert done.returncode == 1 and OVER in done.stderr.decode(), done.stderr.decode()
    assert part.read_bytes() == DATA[:LIE] and not dest.exists()
    before = len(server.record.commands)
    done = run_subprocess("get", "--resume", server.url + "/big.bin", str(dest), "--tls", "off")
    assert done.returncode == 1 and OVER in done.stderr.decode(), done.stderr.decode()
    assert not dest.exists() and part.read_bytes() == DATA[:LIE]
    # (a part shorter than the resume's overlap is asked for from the first byte, its bytes compared: note 428)
    assert "RETR /big.bin" in server.record.commands[before:], server.record.commands[before:]


def test_get_resume_of_a_part_as_large_as_an_honest_size_ends_with_nothing_more_to_come(make_server, tmp_path):
    """A part that holds the whole file (its rename did not happen) is still checked with the server: REST at its
    end, a RETR of no bytes, then it is the file."""
    server = make_server()
    Path(server.path("f.bin")).write_bytes(DATA)
    dest = tmp_path / "f.bin"
    (tmp_path / part_name("f.bin")).write_bytes(DATA)
    done = run_subprocess("get", "--resume", server.url + "/f.bin", str(dest), "--tls", "off")
    assert done.returncode == 0 and done.stderr == b"", done.stderr.decode()
    assert dest.read_bytes() == DATA and not (tmp_path / part_name("f.bin")).exists()
    assert f"REST {rest_for(len(DATA))}" in server.record.commands  # (its last bytes compared: note 428)


@pytest.mark.usefixtures("qapp")
def test_a_queue_retry_of_a_download_a_lying_size_failed_does_not_end_done(qtbot, make_server, tmp_path):
    """The window's queue, looked at for the same hole: its failed try keeps no record of a part as large as the
    size (``partfile.left_behind``), so Retry fetches the file from its first byte — and fails again in the same
    words, no file under its name, never "Done" (a guard: it held before note 423's change too)."""
    server = lying(make_server, "d/big.bin")
    local = tmp_path / "local"
    local.mkdir()
    q = TransferQueue()
    q.retry_delays = ()
    try:
        q.set_site(Endpoint(server.host, server.port, USER, PASSWORD), SessionOptions(timeout=20), 1)
        q.download([("/d", True, None)], str(local))  # (a folder's file: MLSD's exact time and its lying size)
        qtbot.waitUntil(lambda: [i.is_dir for i in q.model.items()] == [False], timeout=LONG)
        (item,) = q.model.items()
        qtbot.waitUntil(lambda: item.state == FAILED, timeout=LONG)
        assert OVER in str(item.error) and item.part_left is None, (item.error, item.part_left)
        assert (local / "d" / part_name("big.bin")).read_bytes() == DATA[:LIE]
        q.retry([item.id])
        qtbot.waitUntil(lambda: item.state in (DONE, FAILED), timeout=LONG)
        assert item.state == FAILED and OVER in str(item.error), (item.state, item.error)
    finally:
        q.shutdown()
    assert not (local / "d" / "big.bin").exists()
