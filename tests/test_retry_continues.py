"""A tree's file tried again after its data connection dropped continues what its failed try wrote (design note
194). ``ftpgui-cli get -r`` without ``--resume`` deleted the temporary file it had itself just written and fetched
the file again from byte 0; FileZilla's own retries continue. It is continued only where that is safe: the very
file the try wrote, untouched since; the same server file — SIZE's byte count now and MDTM's time now those of the
try that failed (a byte count alone let a file published again with other bytes of the same length be spliced:
note 198); a server with ``REST STREAM``. Against pyftpdlib, whose data connection for the file is closed part way
through once, with 426."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from test_engine import connect
from test_procpool import cli

from ftpgui.ftp import FtpError
from ftpgui.ftp.listing import ApproximateSize
from ftpgui.ftp.localpath import part_name
from ftpgui.ftp.procpool import Retries
from ftpgui.ftp.resumecheck import rest_for

from test_cli import run

CUT = 300_000  # bytes of the file the dropped data connection carried
DATA = os.urandom(1 << 20)


def drops_once(name: str) -> type:
    """A data-connection mixin: the first RETR of ``name`` has its connection closed after ``CUT`` bytes (every one
    of them delivered: a close, not a reset) and is answered 426, as a transfer a network drop ended."""
    left = [1]

    class DropsOnce:
        def use_sendfile(self):
            return False  # (each block through ``send``, where it is counted)

        def send(self, data):
            if self.receive or not left[0] or self.file_obj is None or not self.file_obj.name.endswith(name):
                return super().send(data)
            n = super().send(data[: CUT - self.tot_bytes_sent])
            if self.tot_bytes_sent >= CUT:
                left[0] = 0
                self._resp = ("426 Connection dropped by the test.", lambda *a, **k: None)
                self.close()
            return n

    return DropsOnce


def differs_at(path: Path, data: bytes):
    """The first byte at which the file at ``path`` differs from ``data`` (its length where one is the other's
    start), or None: a failure says where, not a diff of two megabytes (pytest's takes minutes)."""
    got = path.read_bytes()
    if got == data:
        return None
    return next((i for i, (a, b) in enumerate(zip(got, data, strict=False)) if a != b), min(len(got), len(data)))


def retr_and_rest(server, also=()) -> list:
    return [c for c in server.record.commands if c.split(" ")[0] in ("REST", "RETR", *also)]


@pytest.mark.parametrize("how", ["threads", "processes"])
def test_get_r_tries_a_dropped_file_again_from_where_it_broke_off(make_server, tmp_path, how):
    server = make_server(dtp_mixin=drops_once("big.bin"))
    remote = Path(server.path("tree"))
    remote.mkdir()
    (remote / "big.bin").write_bytes(DATA)
    (remote / "small.txt").write_bytes(b"small")
    argv = ("get", "-r", server.url + "/tree", str(tmp_path / "copy"), "--tls", "off")
    if how == "threads":  # (in this process, which has other threads: the thread pool)
        code, _, err = run(*argv)
    else:  # (the real command: forked transfer processes)
        if not sys.platform.startswith("linux"):
            pytest.skip("the forked pool is Linux's")
        done = cli(*argv)
        code, err = done.returncode, done.stderr
    assert code == 0, err
    assert err == (
        "ftpgui-cli: tried again /tree/big.bin after: The server reported the transfer as failed: 426 Connection "
        "dropped by the test.\n"
    )
    assert differs_at(tmp_path / "copy" / "big.bin", DATA) is None
    assert (tmp_path / "copy" / "small.txt").read_bytes() == b"small"
    assert not list((tmp_path / "copy").glob("*.ftpgui-part"))
    # the second try asked for the rest of the file only, from the byte the first one's data ended at (before:
    # RETR from byte 0, its temporary file deleted), once SIZE and MDTM said the file is the one MLSD listed; the
    # first try asked neither (the listing's size and exact time); small.txt is never continued, whenever it came
    assert [c for c in retr_and_rest(server, ("SIZE", "MDTM")) if "small" not in c] == [
        "RETR /tree/big.bin",
        "SIZE /tree/big.bin",
        "MDTM /tree/big.bin",
        f"REST {rest_for(CUT)}",
        "RETR /tree/big.bin",
    ]


@pytest.mark.parametrize(
    "case",
    [
        "as it was left",
        "written since",
        "changed on the server",
        "changed, its length and time kept",
        "no REST STREAM",
        "no byte count",
        "no MDTM now",
    ],
)
def test_a_retry_continues_only_the_file_its_try_left_as_it_left_it(make_server, tmp_path, case):
    # the safety rules of notes 170 and 171: a temporary file continued only where what it holds is known to be
    # the start of the file the server has now; anything else is fetched whole, from the first byte
    feat = {"FEAT": "211-Features:\r\n SIZE\r\n MDTM\r\n211 End"} if case == "no REST STREAM" else None
    refuse = {"no byte count": ("SIZE",), "no MDTM now": ("MDTM",)}.get(case, ())
    server = make_server(dtp_mixin=drops_once("big.bin"), replies=feat, refuse=refuse)
    Path(server.path("big.bin")).write_bytes(DATA)
    local = tmp_path / "big.bin"
    part = tmp_path / part_name("big.bin")
    size = ApproximateSize(len(DATA) // 512) if case == "no byte count" else None  # (VMS's blocks)
    s = connect(server)
    try:
        # the time noted before the first RETR: MDTM's, or (a server with no MDTM now) MLSD's, as a tree has it
        exact = None
        if case == "no MDTM now":
            (entry,) = [e for e in s.listdir("/") if e.name == "big.bin"]
            assert entry.raw_facts  # (MLSD's: to the second)
            exact = entry.modified.timestamp()
        with pytest.raises(FtpError, match="426"):
            s.download("/big.bin", str(local), size=size, may_retry=True, exact_time=exact)
        assert part.stat().st_size == CUT and not local.exists()  # kept, under its temporary name
        now = DATA
        if case == "written since":
            with open(part, "ab") as f:  # (another program, or the person)
                f.write(b"x")
        elif case == "changed on the server":
            now = DATA[:-1000] + os.urandom(2000)
            Path(server.path("big.bin")).write_bytes(now)
        elif case == "changed, its length and time kept":  # (SIZE and MDTM as before: the overlap tells, note 428)
            path = Path(server.path("big.bin"))
            st = path.stat()
            now = DATA[: CUT - 10] + os.urandom(len(DATA) - CUT + 10)
            path.write_bytes(now)
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        s.download("/big.bin", str(local), size=size, retry=True)
    finally:
        s.close()
    assert differs_at(local, now) is None and not part.exists()
    continued = ["RETR /big.bin", f"REST {rest_for(CUT)}", "RETR /big.bin"]
    expected = continued if case == "as it was left" else ["RETR /big.bin"] * 2
    if case == "changed, its length and time kept":  # (its overlap compared, then the file fetched whole)
        expected = [*continued, "RETR /big.bin"]
    assert retr_and_rest(server) == expected


@pytest.mark.parametrize("again", [True, False], ids=["published again", "unchanged"])
@pytest.mark.parametrize("refuse", [(), ("SIZE",), ("MDTM",)], ids=["answered", "SIZE refused", "MDTM refused"])
def test_a_file_published_again_with_the_same_length_is_fetched_whole(make_server, tmp_path, refuse, again):
    # Found in review (note 198): the file published again between the tries, other bytes of the same length. The
    # retry compared byte counts only — SIZE's now, or with SIZE refused the listing's with itself — and sent
    # REST 300000: the old file's start before the new one's rest, under the file's final name, matching neither.
    # Run as a tree runs it (procpool.Retries, the listing's size), the file published an hour before its new
    # version. Unchanged, it is continued only where SIZE and MDTM both say it is the same file
    server = make_server(dtp_mixin=drops_once("big.bin"), refuse=refuse)
    path = Path(server.path("big.bin"))
    path.write_bytes(DATA)
    an_hour_ago = time.time() - 3600
    os.utime(path, (an_hour_ago, an_hour_ago))
    now = os.urandom(len(DATA)) if again else DATA
    heard = []

    def published_again(message: str) -> None:  # (between the failed try and the next)
        heard.append(message)
        if again:
            staged = path.with_name("staged")
            staged.write_bytes(now)
            os.replace(staged, path)

    local = tmp_path / "big.bin"
    s = connect(server)
    try:
        job = ("download", ("/big.bin", str(local)), {"size": len(DATA)})
        Retries(delays=(0.0,), sleep=lambda _: None).run(s, job, published_again)
    finally:
        s.close()
    assert heard == ["The server reported the transfer as failed: 426 Connection dropped by the test."]
    assert differs_at(local, now) is None  # (before: at byte 0, the old file's start before the new one's rest)
    assert not (tmp_path / part_name("big.bin")).exists()
    same = not (again or refuse)
    expected = ["RETR /big.bin", f"REST {rest_for(CUT)}", "RETR /big.bin"] if same else ["RETR /big.bin"] * 2
    assert retr_and_rest(server) == expected
