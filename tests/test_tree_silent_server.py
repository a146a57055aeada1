"""A tree from a server that stops answering: each connection gives up after two files in a row met silence.

Found by a connection-drop round (a vsftpd stopped with SIGSTOP mid-tree): ``procpool.Retries`` tried each later
file once after the first failed every try, so every file of the tree waited the whole timeout in vain — 10 files
with ``--timeout 3`` took 44 s, a 1,000-file tree at the default 30 s would take hours. Now a connection whose
second file in a row met a silent server tries no more files and fails the rest at once in words. Counted in
RETR commands the server received, not in seconds.

A server that hangs on some files only (design note 202): a connection that met two of them in a row closes and
the others take the files it had not started; "Not tried" only once every connection has gone quiet.
"""

from __future__ import annotations

import functools
import os
from typing import Tuple

import pytest
from pyftpdlib.filesystems import AbstractedFS

from ftpgui.ftp.threadpool import _Pool

from test_cli import run, run_subprocess

FILES = 12


class SilentFiles:
    """A file's data connection that sends nothing and stays open (the listing's goes through): with RETR's
    replies held too, a server that stopped answering once the tree was listed, as a SIGSTOPped one does."""

    def use_sendfile(self) -> bool:
        return False

    def send(self, data) -> int:
        if getattr(self, "file_obj", None) is not None:  # (a file: RETR; set before the first send, cmd after)
            self.del_channel()
            return 0
        return super().send(data)


class SlowFiles(SilentFiles):
    """``SilentFiles`` for the files whose names start with "slow": the others' data goes."""

    def send(self, data) -> int:
        return SilentFiles.send(self, data) if _name(self).startswith("slow") else super(SilentFiles, self).send(data)


class SlowAndSteady(SlowFiles):
    """``SlowFiles``, and big.bin's bytes a little each 0.1 s (``STEADY`` bytes a second): a transfer that takes
    a while and is never silent for long."""

    def send(self, data) -> int:
        if _name(self) != "big.bin":
            return super().send(data)
        sent = super().send(data[: STEADY // 10])
        self.del_channel()  # (as pyftpdlib's ThrottledDTPHandler sleeps, but never a whole second)
        self._steady = self.ioloop.call_later(0.1, self._go_on, _errback=self.handle_error)
        return sent

    def _go_on(self) -> None:
        self.add_channel(events=self.ioloop.WRITE)

    def close(self) -> None:
        later = getattr(self, "_steady", None)
        if later is not None and not later.cancelled:
            later.cancel()
        super().close()


STEADY = 200_000


def _name(dtp) -> str:
    return os.path.basename(getattr(getattr(dtp, "file_obj", None), "name", ""))


def cli(kind: str, *argv: str) -> Tuple[int, str]:
    """``ftpgui-cli argv``: its exit code and what it wrote to stderr. ``kind`` "process": the real command, its
    connections forked processes (Linux); "thread": in this process, where they are threads (the server's thread
    runs here: ``procpool.usable`` refuses to fork), as on macOS and Windows."""
    if kind == "process":
        done = run_subprocess(*argv)
        return done.returncode, done.stderr.decode()
    code, _, err = run(*argv)
    return code, err


@pytest.mark.parametrize("parallel, kind", [("1", "process"), ("2", "process"), ("2", "thread")])
def test_get_r_stops_trying_files_once_the_server_is_silent(make_server, tmp_path, monkeypatch, parallel, kind):
    """``kind``: the tree's connections as forked processes (Linux) or threads (macOS, Windows): ``cli``."""
    srv = make_server("127.0.0.1", dtp_mixin=SilentFiles, no_reply={"RETR": 10**6})  # lists; never answers a RETR
    os.mkdir(srv.path("t"))
    for i in range(FILES):
        with open(srv.path("t", f"f{i:02}.txt"), "wb") as f:
            f.write(b"x" * 100)
    code, err = cli(kind, "--timeout", "1", "get", "-r", srv.url + "/t", str(tmp_path / "t"), "--parallel", parallel)
    assert code == 1, (err, srv.record.commands[-20:])
    retrs = [c for c in srv.record.commands if c.startswith("RETR ")]
    # each connection: its first file three tries (1 + the two retries), its second one, then none
    assert len(retrs) <= 4 * int(parallel), retrs
    assert err.count("did not answer within 1 second") >= 1
    not_tried = err.count("Not tried: the server has stopped answering")
    assert not_tried == FILES - len({r for r in retrs}), err
    assert f"{FILES} item(s) failed" in err
    assert not [p for p in (tmp_path / "t").rglob("*") if p.is_file() and not p.name.endswith(".ftpgui-part")]


@pytest.mark.parametrize("kind", ["process", "thread"])
def test_get_r_a_connection_that_met_silence_twice_leaves_the_files_to_the_others(
    make_server, tmp_path, monkeypatch, kind
):
    """Design note 202: the server never answers slow1 and slow2 and sends the others. The connection that met both
    in a row stops; the other fetches every file it had not started. The code before failed them "Not tried":
    a process (the real command, forked) at once each of the files it had been handed; a thread each it took from
    the queue while the other one fetched big.bin."""
    good = [f"f{i:02}.txt" for i in range(20)]
    if kind == "process":  # (whichever way the jobs are shared, slow1 and slow2 go to one process, one after another)
        names = [good[0], "slow1.bin", "slow2.bin", *good[1:]]
    else:  # the first thread takes slow1, the second big.bin; the first then slow2 (its tries were quicker)
        names = ["slow1.bin", "big.bin", "slow2.bin", *good]
        # (each file tried once more, soon: slow1's two tries and slow2's take about 3 s, big.bin 4)
        monkeypatch.setattr("ftpgui.ftp.mirror._Pool", functools.partial(_Pool, file_retry_delays=(0.05,)))
    # listed in this order (pyftpdlib lists a folder in os.listdir's)
    monkeypatch.setattr(AbstractedFS, "listdir", lambda fs, path: sorted(os.listdir(path), key=names.index))
    held = {"RETR /t/slow1.bin": 10**6, "RETR /t/slow2.bin": 10**6}
    srv = make_server("127.0.0.1", dtp_mixin=SlowAndSteady, no_reply=held)
    os.mkdir(srv.path("t"))
    files = {n: b"b" * 4 * STEADY if n == "big.bin" else n.encode() * 10 for n in names}
    for name, data in files.items():
        with open(srv.path("t", name), "wb") as f:
            f.write(data)
    code, err = cli(kind, "--timeout", "1", "get", "-r", srv.url + "/t", str(tmp_path / "t"), "--parallel", "2")
    failed = [line for line in err.splitlines() if line.startswith("ftpgui-cli: failed ")]
    assert code == 1, err
    assert sorted(line.split(": ")[1] for line in failed) == ["failed /t/slow1.bin", "failed /t/slow2.bin"], err
    assert all("did not answer within 1 second" in line for line in failed), err
    assert "Not tried" not in err
    for name, data in files.items():
        assert name.startswith("slow") or (tmp_path / "t" / name).read_bytes() == data, name
